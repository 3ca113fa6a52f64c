"""The intake page names each red flag's category and the advice the patient got
(bot.warning_signs.staff_title), and says when the patient was not sure."""

from __future__ import annotations


def test_warning_signs_show_their_category_and_advice(client, make_intake):
    intake_id = make_intake(status="urgent", red_flags=["dvt_breathing", "weakness_unsure"])
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Possible DVT or clot" in html and "[dvt_breathing]: call 911 now" in html
    assert "Not sure: Cauda equina or cord compression" in html and "staff to check" in html


def test_a_label_the_table_does_not_know_reads_as_before(client, make_intake):
    intake_id = make_intake(red_flags=["night_pain"])
    assert "Night pain" in client.get(f"/intakes/{intake_id}").get_data(as_text=True)
