from rapportage.bouwstenen import hoofdletter


def test_a_subtitle_keeps_the_capitals_of_the_area_it_names():
    assert hoofdletter("heel Nederland") == "Heel Nederland"
    assert hoofdletter("provincie Noord-Brabant") == "Provincie Noord-Brabant"
    assert hoofdletter("") == ""
