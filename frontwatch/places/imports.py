"""``frontwatch gazetteer import``: GeoNames country dumps and postal-code files.

An import is converted once into a small TSV of our own layout in the imports folder
(``$FRONTWATCH_HOME/gazetteer-imports/<theatre>/``); the gazetteer build merges those files, so
the original download is not needed afterwards and re-importing the same file replaces its rows.

- GeoNames dumps (``UA.txt``, ``allCountries.txt``: 19 tab-separated columns, no header):
  populated places (feature class P) inside the theatre's scope. They fill coordinates and
  population of known places and add places the gazetteer lacks.
- GeoNames postal-code files (tab-separated, 12 columns, or the CSV variant with a header and a
  Ukrainian place name): each place's coordinates. They only fill coordinates of known places,
  since a postal place is not always a settlement of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from frontwatch.errors import GazetteerError, UnknownImportFormat
from frontwatch.places.names import is_cyrillic
from frontwatch.places.sources import standard_name, ukrainian_form
from frontwatch.theatres import Theatre

COLUMNS = ("id", "name", "uk", "country", "admin1", "lat", "lon", "population", "creates",
           "forms")


@dataclass(frozen=True, slots=True)
class ImportedPlace:
    id: str
    name: str
    uk: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    creates: bool  # may add a new place (GeoNames dumps) or only fill a known one (postal)
    forms: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    path: str
    layout: str
    rows_read: int
    places_kept: int
    saved_as: str


def import_file(path: Path, theatre: Theatre, folder: Path) -> ImportSummary:
    """Convert one GeoNames dump or postal-code file into the imports folder."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            layout = _sniff(first, path)
            reader = _postal_csv if layout == "postal-csv" else _tab_rows
            rows, places = 0, {}
            for rows, place in enumerate(reader(handle, layout, theatre), start=1):
                if place is not None:  # namesakes in one oblast stay apart by position
                    places.setdefault((place.admin1, place.name, place.uk,
                                       round(place.lat, 2), round(place.lon, 2)), place)
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 text ({exc}); GeoNames files are UTF-8") from exc
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc.strerror}") from exc
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.name}.tsv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    writer.writerow(COLUMNS)
    for place in places.values():
        writer.writerow((place.id, place.name, place.uk, place.country, place.admin1 or "",
                         place.lat, place.lon, place.population, int(place.creates),
                         "|".join(place.forms)))
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return ImportSummary(str(path), layout, rows, len(places), str(target))


def read_imports(theatre: Theatre, folder: Path) -> Iterator[ImportedPlace]:
    """Rows of every converted import, in file-name order."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE,
                                    escapechar="\\")
            for row in reader:
                yield ImportedPlace(row["id"], row["name"], row["uk"], row["country"],
                                    row["admin1"] or None, float(row["lat"]),
                                    float(row["lon"]), int(row["population"]),
                                    row["creates"] == "1",
                                    tuple(f for f in row["forms"].split("|") if f),
                                    f"import:{path.stem}")


def _sniff(first_line: str, path: Path) -> str:
    if first_line.startswith("country_code,postal_code"):
        return "postal-csv"
    columns = first_line.rstrip("\n").split("\t")
    if len(columns) == 19 and columns[0].isdigit():
        return "geonames"
    if len(columns) == 12:
        return "postal"
    raise UnknownImportFormat(
        f"{path}: neither a GeoNames dump (19 tab-separated columns) nor a GeoNames postal-code "
        f"file (12 tab-separated columns, or CSV with a country_code,postal_code header); the "
        f"first line has {len(columns)} tab-separated column(s)")


def _tab_rows(handle, layout: str, theatre: Theatre) -> Iterator[ImportedPlace | None]:
    units = {(u.country, u.geonames_code): u.id for u in theatre.admin_units}
    for line in handle:
        columns = line.rstrip("\n").split("\t")
        if layout == "geonames" and len(columns) == 19 and columns[6] == "P":
            country, admin1 = columns[8], units.get((columns[8], columns[10]))
            if not theatre.is_in_scope(country, admin1):
                yield None
                continue
            alternates = columns[3].split(",") if columns[3] else []
            uk = ukrainian_form(alternates) if country == "UA" else ""
            yield ImportedPlace(
                f"gn:{columns[0]}", standard_name(uk) if uk else columns[1], uk, country, admin1,
                float(columns[4]), float(columns[5]), int(columns[14] or 0), True,
                tuple({columns[1], columns[2], *[a for a in alternates if is_cyrillic(a)]}),
                "")
        elif layout == "postal" and len(columns) >= 11 and columns[9] and columns[10]:
            yield _postal_place(theatre, columns[0], columns[2], columns[3], columns[9],
                                columns[10])
        else:
            yield None


def _postal_csv(handle, layout: str, theatre: Theatre) -> Iterator[ImportedPlace | None]:
    for row in csv.DictReader(handle):
        if not row.get("latitude") or not row.get("longitude"):
            yield None
            continue
        yield _postal_place(theatre, row["country_code"], row["place_name_uk"],
                            row["admin_name1"] or "", row["latitude"], row["longitude"])


def _postal_place(theatre: Theatre, country: str, name: str, admin_name: str, lat: str,
                  lon: str) -> ImportedPlace | None:
    admin1 = _postal_admin(theatre, admin_name)
    if not name or not theatre.is_in_scope(country, admin1):
        return None
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        return None
    uk = name if is_cyrillic(name) else ""
    return ImportedPlace("", standard_name(uk) if uk else name, uk, country, admin1, latitude,
                         longitude, 0, False, (name,), "")


def _postal_admin(theatre: Theatre, admin_name: str) -> str | None:
    """Postal files name the oblast by its romanised Ukrainian name ("Kharkivska", "Kyiv");
    their admin codes disagree with GeoNames' own for Kyiv, so names decide."""
    wanted = admin_name.strip().casefold()
    for unit in theatre.admin_units:
        if wanted in (standard_name(unit.uk).casefold(), unit.name.casefold()):
            return unit.id
    return None
