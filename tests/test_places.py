"""The offline gazetteer: place names to country and coordinates (transforms/places.py)."""

from __future__ import annotations

import pytest

from transforms.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Kharkiv", "UKR", 50.0, 36.2),
        ("Paris", "FRA", 48.9, 2.35),  # the most populous of same-named cities
        ("Geneva", "CHE", 46.2, 6.1),
        ("Gaza", "PSE", 31.4, 34.4),  # from places.tsv
        ("Crimea", "UKR", 45.3, 34.4),  # a region geonames' city list lacks
        ("Tel Aviv", "ISR", 32.1, 34.8),
    ],
)
def test_places_lookup(gazetteer: Gazetteer, name: str, country: str, lat: float, lon: float) -> None:
    place = gazetteer.lookup(name)
    assert place is not None and place.country == country
    assert place.lat == pytest.approx(lat, abs=0.5) and place.lon == pytest.approx(lon, abs=0.5)


@pytest.mark.parametrize(
    ("name", "country", "lat_range", "lon_range"),
    [
        ("Syria", "SYR", (32, 37.5), (35, 42.5)),  # country centres lie inside the country
        ("France", "FRA", (42, 51), (-5, 8.5)),
        ("Britain", "GBR", (50, 59), (-8, 2)),  # places.tsv without coordinates: the country centre
        ("Kosovo", "XKX", (41.8, 43.3), (20, 21.8)),
    ],
)
def test_places_countries_at_their_centre(
    gazetteer: Gazetteer,
    name: str,
    country: str,
    lat_range: tuple[float, float],
    lon_range: tuple[float, float],
) -> None:
    place = gazetteer.lookup(name)
    assert place is not None and place.country == country and place.is_country
    assert lat_range[0] <= place.lat <= lat_range[1] and lon_range[0] <= place.lon <= lon_range[1]


def test_places_unknown_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Atlantis Minor") is None


def test_places_override_text_wins() -> None:
    gazetteer = Gazetteer("name\tcountry\tlat\tlon\nParis\tUSA\t33.66\t-95.55\nRuritania\tDEU\t\t\n")
    paris = gazetteer.lookup("Paris")
    assert paris is not None and paris.country == "USA" and paris.lat == pytest.approx(33.66)
    ruritania = gazetteer.lookup("Ruritania")
    assert ruritania is not None and ruritania.lat == gazetteer.centres["DEU"][0]


@pytest.mark.parametrize("word", ["North", "Aviv"])
def test_places_a_word_cut_from_a_city_name_is_no_place(gazetteer: Gazetteer, word: str) -> None:
    # geonames lists "North" among the names of North Salt Lake: "the North" (Korea) is not Utah
    assert gazetteer.lookup(word) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Florida", "USA"),  # a US state over a foreign town of that name (Floridablanca, Colombia)
        ("Virginia", "USA"),
        ("Georgia", "GEO"),  # but not over a country
        ("Somerset", "GBR"),  # an English county, not an old name of Bellflower, California
        ("Kent", "GBR"),
    ],
)
def test_places_states_and_counties_over_foreign_towns(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None and place.country == country and place.name == name


@pytest.mark.parametrize("name", ["Africa", "Asia", "Middle East", "Balkans"])
def test_places_a_continent_is_no_countrys_place(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) is None
