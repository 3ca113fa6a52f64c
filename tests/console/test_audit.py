"""The audit log page is for admins only."""

from __future__ import annotations

from tests.console.conftest import post_form


def test_frontdesk_cannot_see_the_audit_log(client):
    assert client.get("/admin/audit").status_code == 403
    assert "Audit log" not in client.get("/").get_data(as_text=True)


def test_admin_sees_who_did_what(admin_client, client, make_intake):
    intake_id = make_intake()
    client.get(f"/intakes/{intake_id}")
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/reviewed")
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "Viewed intake" in html and "Marked reviewed" in html and "frank" in html
    only = admin_client.get(f"/admin/audit?intake={intake_id}&user=frank").get_data(as_text=True)
    assert "Logged in" not in only and "Marked reviewed" in only
    assert admin_client.get("/admin/audit?intake=x&page=y").status_code == 200
