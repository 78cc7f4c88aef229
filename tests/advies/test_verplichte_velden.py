"""A form that marks required fields with an asterisk says what the asterisk means (WCAG 3.3.2),
and a form with nothing required does not."""

import pytest

UITLEG = "zijn verplicht."


@pytest.mark.parametrize(
    "wie, url, verplicht",
    [
        ("adviseur_friesland", "/advies/gesprekken/nieuw/", True),  # fields one by one
        ("adviseur_friesland", "/advies/trajecten/nieuw/", True),
        ("coordinator", "/advies/adviseurs/", True),
        ("coordinator", "/account/uitnodigen/", True),  # the whole form with |crispy
        ("coordinator", "/advies/gesprekken/", False),  # a filter: nothing required
    ],
)
def test_the_asterisk_is_explained_where_it_is_shown(als, referentiedata, request, wie, url, verplicht):
    html = als(request.getfixturevalue(wie)).get(url).content.decode()
    assert html.count(UITLEG) == (1 if verplicht else 0)
    assert ('class="asteriskField"' in html) == verplicht


def test_required_groups_of_checkboxes_carry_the_asterisk_too(als, adviseur_friesland):
    html = als(adviseur_friesland).get("/advies/gesprekken/nieuw/").content.decode()
    assert 'Gemeente(n)<span class="asteriskField">*</span></legend>' in html
    assert 'Besproken thema&#x27;s<span class="asteriskField">*</span></legend>' in html


def test_the_login_page_explains_it_to_a_stranger(client, db):
    assert UITLEG in client.get("/account/inloggen/").content.decode()
