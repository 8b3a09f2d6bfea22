"""Pure extraction: parsing, actors, verbs, dates, places. Records in, records out; no warehouse or network I/O.

The only files read here are the package's own dictionaries (``transforms/data``) and a user's extra
dictionary files named in configuration.
"""
