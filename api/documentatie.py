"""The documentation page, read from the OpenAPI document itself: every endpoint with its
parameters and answer, and every object with its fields, in the site's own accessible layout
(no script, nothing from another host). What the page says is what the schema says."""

import json
from dataclasses import dataclass
from functools import cache

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

SOORTEN = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "boolean": "ja/nee (true/false)",
    "object": "object",
}
FORMATEN = {
    "date": "datum (JJJJ-MM-DD)",
    "date-time": "moment (ISO 8601)",
    "uri": "adres (URL)",
    "email": "e-mailadres",
}


@dataclass(frozen=True)
class Soort:
    tekst: str
    verwijzing: str | None = None  # the name of an object described on the page


@dataclass(frozen=True)
class Veld:
    naam: str
    soort: Soort
    verplicht: bool
    omschrijving: str
    plaats: str = ""  # a parameter's: in the path or the query


@dataclass(frozen=True)
class Eindpunt:
    methode: str
    pad: str
    anker: str
    omschrijving: str
    open: bool
    parameters: tuple[Veld, ...]
    antwoord: Soort


@dataclass(frozen=True)
class Object:
    naam: str
    velden: tuple[Veld, ...]
    waarden: tuple[str, ...]  # an enumeration's values


@cache
def openapi_document() -> dict:
    """The API's OpenAPI document, as served at /api/v1/openapi.json (built once per process)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


def soort_van(schema: dict) -> Soort:
    if "$ref" in schema:
        naam = schema["$ref"].rsplit("/", 1)[-1]
        return Soort(naam, naam)
    if schema.get("type") == "array":
        binnen = soort_van(schema.get("items", {}))
        return Soort(f"lijst van {binnen.tekst}", binnen.verwijzing)
    if "enum" in schema:
        return Soort("een van: " + ", ".join(str(w) for w in schema["enum"] if w not in ("", None)))
    if "allOf" in schema or "oneOf" in schema:
        return soort_van((schema.get("allOf") or schema.get("oneOf"))[0])
    tekst = FORMATEN.get(schema.get("format"), SOORTEN.get(schema.get("type"), schema.get("type", "")))
    return Soort(tekst + (", kan leeg zijn" if schema.get("nullable") else ""))


def _velden(schema: dict) -> tuple[Veld, ...]:
    verplicht = set(schema.get("required", []))
    return tuple(
        Veld(naam, soort_van(eigenschap), naam in verplicht, eigenschap.get("description", ""))
        for naam, eigenschap in schema.get("properties", {}).items()
    )


def eindpunten(document: dict) -> list[Eindpunt]:
    lijst = []
    for pad, item in document["paths"].items():
        for methode, operatie in item.items():
            antwoord = operatie["responses"].get("200", {}).get("content", {})
            schema = next(iter(antwoord.values()), {}).get("schema", {}) if antwoord else {}
            lijst.append(
                Eindpunt(
                    methode=methode.upper(),
                    pad=pad,
                    anker=operatie["operationId"],
                    omschrijving=operatie.get("description", ""),
                    open={} in operatie.get("security", []),
                    parameters=tuple(
                        Veld(
                            p["name"],
                            soort_van(p.get("schema", {})),
                            p.get("required", False),
                            p.get("description", ""),
                            "pad" if p["in"] == "path" else "vraag (query)",
                        )
                        for p in operatie.get("parameters", [])
                    ),
                    antwoord=soort_van(schema) if schema else Soort("een bestand"),
                )
            )
    return lijst


def objecten(document: dict) -> list[Object]:
    return [
        Object(naam, _velden(schema), tuple(str(w) for w in schema.get("enum", []) if w not in ("", None)))
        for naam, schema in document["components"]["schemas"].items()
    ]
