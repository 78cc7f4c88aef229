"""Filling in the nulmeting in the browser as an official does."""

# The basisfuncties the journeys make 'goed voor elkaar' (with goed_of_niet: the others miss
# their threshold by one point).
GOED = {
    "VW-VERTALEN",
    "VW-VERBINDEN",
    "VW-VERSTERKEN",
    "MZ-INFORMATIE",
    "MZ-ADVIES",
    "MZ-RESPIJT",
    "MZ-EDUCATIE",
}


def stap_invullen(page, basisfunctie, antwoorden: dict[str, str]):
    """Answer every question of the step on screen, as a user would: radio buttons, numbers, text."""
    for vraag in basisfunctie.vragen:
        if vraag.opties:
            page.locator(
                f'input[type="radio"][name="{vraag.code}"][value="{antwoorden[vraag.code]}"]'
            ).check()
        elif vraag.type == "getal":
            page.locator(f'input[name="{vraag.code}"]').fill(antwoorden[vraag.code].replace(".", ","))
        else:
            page.locator(f'textarea[name="{vraag.code}"]').fill(f"Toelichting bij {basisfunctie.naam}.")
