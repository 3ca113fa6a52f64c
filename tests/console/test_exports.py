"""CSV and FHIR R4 exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

from fhir.resources.bundle import Bundle

from tests.console.conftest import T0


def test_csv_for_a_date_range(client, make_intake, make_booking):
    inside = make_intake(
        patient_name="Maria Gonzalez",
        locations=[{"region": "knee", "side": "left"}],
        activities=["stairs"],
    )
    make_booking(inside)
    make_intake(patient_name="Too Old", created_at=T0 - dt.timedelta(days=40))
    evil = make_intake(patient_name='=HYPERLINK("http://x")', phone="+12125550100")
    response = client.get("/export/intakes.csv?from=2026-11-20&to=2026-12-01")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    by_id = {int(r["intake_id"]): r for r in rows}
    assert set(by_id) == {inside, evil}
    assert by_id[inside]["locations"] == "knee:left"
    assert by_id[inside]["booking_status"] == "booked" and by_id[inside]["booking_code"]
    assert by_id[inside]["created_at"].endswith("-05:00")  # clinic time
    assert by_id[evil]["patient_name"].startswith("'=")  # no formula injection
    assert by_id[evil]["phone"] == "+12125550100"  # E.164 stays as it is


def test_csv_rejects_bad_ranges_on_the_export_page(client):
    """A bad range, or a link without dates, gets the export page saying what to fix, with
    the dates given kept in the form (a plain 400 page was a dead end: newcomer pass L)."""
    cases = {
        "?from=2026-12-02&to=2026-12-01": "The To date is before the From date.",
        "?from=2020-01-01&to=2026-12-01": "Choose at most 366 days.",
        "": "Choose both dates, From and To.",
        "?from=2026-11-05": "Choose both dates, From and To.",
        "?from=yesterday&to=%3Cscript%3E": "Choose both dates, From and To.",
        "?from=2026-11-01&to=2026-12-011": "Choose both dates, From and To.",
    }
    for query, error in cases.items():
        response = client.get(f"/export/intakes.csv{query}")
        html = response.get_data(as_text=True)
        assert response.status_code == 400 and response.mimetype == "text/html", query
        assert error in html and 'data-test="export-error"' in html, query
        assert "<script>" not in html
    kept = client.get("/export/intakes.csv?from=2026-12-02&to=2026-12-01").get_data(as_text=True)
    assert 'value="2026-12-02"' in kept and 'value="2026-12-01"' in kept
    half = client.get("/export/intakes.csv?from=bad&to=2026-06-30").get_data(as_text=True)
    assert 'value="2026-05-31"' in half and 'value="2026-06-30"' in half  # From before To


def test_fhir_bundle_validates_with_fhir_resources(client, make_intake, make_booking):
    intake_id = make_intake(
        completed_at=T0, email="maria@example.com",
        locations=[{"region": "lower_back", "side": None}, {"region": "hip", "side": "right"}],
        activities=["sitting", "work"], red_flags=["night_pain"],
    )  # fmt: skip
    booking = make_booking(intake_id)
    response = client.get(f"/intakes/{intake_id}/fhir.json")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    bundle = Bundle.parse_raw(response.get_data())
    assert bundle.type == "collection"
    resources = {e.resource.resource_type: e.resource for e in bundle.entry}
    assert set(resources) == {"Patient", "QuestionnaireResponse", "Appointment"}
    patient = resources["Patient"]
    assert patient.name[0].text == "Maria Gonzalez"
    assert {t.system for t in patient.telecom} == {"phone", "email"}
    answers = {i.linkId: i.answer for i in resources["QuestionnaireResponse"].item}
    assert answers["duration-text"][0].valueString == "for about 4 months"
    assert float(answers["duration-weeks"][0].valueDecimal) == 17.4
    assert answers["pain-class"][0].valueCoding.code == "chronic"
    assert answers["pain-score"][0].valueInteger == 6
    assert [a.valueCoding.code for a in answers["locations"]] == ["lower_back", "hip"]
    assert answers["locations"][1].item[0].answer[0].valueCoding.code == "right"
    assert [a.valueCoding.code for a in answers["activities"]] == ["sitting", "work"]
    assert resources["QuestionnaireResponse"].status == "completed"
    appointment = resources["Appointment"]
    assert appointment.status == "booked"
    assert appointment.identifier[0].value == booking.code
    assert appointment.start == booking.starts_at
    refs = {e.fullUrl for e in bundle.entry}
    assert resources["QuestionnaireResponse"].subject.reference in refs
    assert appointment.participant[0].actor.reference in refs


def test_fhir_without_booking_or_name(client, make_intake):
    intake_id = make_intake(patient_name=None, phone=None, pain_class=None, pain_stage=None,
                            duration_weeks=None, pain_score=None)  # fmt: skip
    bundle = Bundle.parse_raw(client.get(f"/intakes/{intake_id}/fhir.json").get_data())
    kinds = [e.resource.resource_type for e in bundle.entry]
    assert kinds == ["Patient", "QuestionnaireResponse"]
    assert bundle.entry[0].resource.name is None


def test_exports_are_audited(admin_client, make_intake):
    intake_id = make_intake()
    admin_client.get("/export/intakes.csv?from=2026-11-01&to=2026-12-01")
    admin_client.get(f"/intakes/{intake_id}/fhir.json")
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "Exported CSV" in html and "2026-11-01..2026-12-01, 1 intakes" in html
    assert "Exported FHIR" in html


def test_export_page(client):
    html = client.get("/export").get_data(as_text=True)
    assert 'name="from"' in html and 'value="2026-11-01"' in html
