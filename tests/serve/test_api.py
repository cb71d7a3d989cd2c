"""The JSON API and the pages, through FastAPI's test client: data, pagination, one error
shape, the OpenAPI description, and article text that stays text."""

import pytest



def test_events_are_paginated_and_filtered(client):
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    assert len(first["items"]) == 5 and first["items"][0]["id"] != second["items"][0]["id"]
    strikes = client.get("/api/events", params={"type": "strike", "limit": 500}).json()
    assert strikes["items"] and {e["type"] for e in strikes["items"]} == {"strike"}
    july = client.get("/api/events", params={"from": "2022-07-01", "to": "2022-07-31"}).json()
    assert july["items"] and all(  # events whose dates overlap the window
        e["date"]["start"] <= "2022-07-31" and (e["date"]["end"] or "9999") >= "2022-07-01"
        for e in july["items"])
    luhansk = client.get("/api/events", params={"oblast": "Luhansk", "limit": 500}).json()
    assert luhansk["items"] and {e["place"]["admin1"] for e in luhansk["items"]} == {"UA-09"}


def test_event_place_document_sources_and_search(client):
    event = client.get("/api/events", params={"type": "control", "limit": 1}).json()["items"][0]
    detail = client.get(f"/api/events/{event['id']}").json()
    assert detail["id"] == event["id"] and detail["sources"]
    place = client.get("/api/places/Лисичанськ").json()
    assert place["places"][0]["name"] == "Lysychansk" and place["control"]
    doc_id = detail["sources"][0]["doc_id"]
    doc = client.get(f"/api/docs/{doc_id}").json()
    assert doc["spans"] and all(doc["text"][s["start"]:s["end"]] for s in doc["spans"])
    assert client.get("/api/sources").json()["items"]
    found = client.get("/api/search", params={"q": "Kharkov"}).json()
    assert any(p["name"].startswith("Kharkiv") for p in found["places"])
    assert client.get("/api/changes", params={"basis": "claimed"}).json()["items"]


@pytest.mark.parametrize("url, status, code", [
    ("/api/events/ev-nothing", 404, "not_found"),
    ("/api/places/Atlantis", 404, "not_found"),
    ("/api/docs/ffffffffffff", 404, "not_found"),
    ("/api/events?from=2022-09-01&to=2022-08-01", 422, "invalid_parameter"),
    ("/api/events?limit=0", 422, "invalid_parameter"),
    ("/api/events?type=parade", 422, "invalid_parameter"),
    ("/api/events?oblast=Atlantis", 422, "invalid_parameter"),
    ("/api/nothing-here", 404, "not_found"),
])
def test_every_api_error_has_one_shape(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/places/{name}",
            "/api/docs/{doc_id}", "/api/sources", "/api/search",
            "/api/changes"} <= set(spec["paths"])


@pytest.mark.parametrize("url", ["/", "/place/Lysychansk", "/sources", "/search?q=Kharkiv"])
def test_pages_render_with_a_policy_that_forbids_inline_script(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.text  # every script is a file of this origin


def test_hostile_article_stays_text_in_every_page(client):
    doc = client.get("/api/search", params={"q": "Breaking"}).json()["documents"][0]
    page = client.get(f"/doc/{doc['id']}").text
    assert "&lt;script&gt;window.__pwned" in page and "&lt;img src=x onerror" in page
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    for url in ("/", "/place/Lysychansk", "/search?q=Breaking"):
        text = client.get(url).text
        assert "<script>window" not in text and "<img src=x" not in text


def test_unknown_page_is_a_page_not_json(client):
    response = client.get("/event/ev-nothing")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
