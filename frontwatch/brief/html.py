"""The brief as one self-contained HTML page: the cited sections, the reference list and a
Leaflet map of the places they name over the theatre's admin-1 outlines, coloured by side.

Nothing is fetched when the page opens: Leaflet, topojson-client and the outlines come from the
npm packages the build installs (``package.json``; never copied into the repository) and are
inlined when the page is written. A Content-Security-Policy allows only the page's own inline
scripts, by hash, and no network at all; every text from a document is escaped, and the popups
are built with ``textContent``, so an article's markup stays text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from pathlib import Path

from frontwatch.brief import heading, reference_line
from frontwatch.brief.data import Brief
from frontwatch.errors import FrontwatchError
from frontwatch.theatres import load_theatre

# Where the build puts the npm packages: the checkout's node_modules, or $FRONTWATCH_NODE_MODULES.
ASSETS = {"leaflet_js": "leaflet/dist/leaflet.js", "leaflet_css": "leaflet/dist/leaflet.css",
          "topojson": "topojson-client/dist/topojson-client.min.js"}
SIDE_COLOURS = ("#b8322a", "#2762b0")  # the pack's first and second side
CONTESTED_COLOUR = "#e08a1e"
OTHER_COLOUR = "#6b6b6b"


class AssetError(FrontwatchError):
    """The front-end packages the HTML brief inlines are not installed."""


def node_modules() -> Path:
    configured = os.environ.get("FRONTWATCH_NODE_MODULES")
    if configured:
        return Path(configured)
    for folder in Path(__file__).resolve().parents:
        if (folder / "node_modules").is_dir():
            return folder / "node_modules"
    return Path("node_modules")


def _asset(root: Path, relative: str) -> str:
    path = root / relative
    if not path.is_file():
        raise AssetError(f"the HTML brief inlines {relative} from the npm packages, and "
                         f"{path} is missing: run 'make install' (npm ci) in the checkout, "
                         f"or point FRONTWATCH_NODE_MODULES at a node_modules folder")
    return path.read_text(encoding="utf-8")


def write_html(brief: Brief, path: Path) -> None:
    path.write_text(render_html(brief), encoding="utf-8")


def render_html(brief: Brief) -> str:
    theatre = load_theatre()
    root = node_modules()
    leaflet_css = re.sub(r"url\(images/[^)]*\)", "none", _asset(root, ASSETS["leaflet_css"]))
    if not theatre.map_outlines:
        raise AssetError(f"the theatre pack {theatre.id} names no map outlines ([map] "
                         f"outlines in its theatre.toml)")
    outlines = json.loads(_asset(root, theatre.map_outlines))
    sides = theatre.side_codes
    colours = {side: SIDE_COLOURS[i] for i, side in enumerate(sides)}
    colours["contested"] = CONTESTED_COLOUR
    data = {"outlines": outlines, "colours": colours, "other": OTHER_COLOUR,
            "markers": _markers(brief), "names": {s: theatre.side_adjective(s) for s in sides}}
    scripts = [_asset(root, ASSETS["leaflet_js"]), _asset(root, ASSETS["topojson"]), _MAP_JS]
    policy = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src "
              + " ".join(f"'sha256-{_digest(s)}'" for s in scripts))
    body = [f"<header><h1>frontwatch brief</h1><p>{_e(heading(brief))}</p>",
            _legend(theatre, sides, colours), "</header>",
            '<div id="map" role="img" aria-label="Map of the places the brief names"></div>',
            "<main>"]
    for section in brief.sections:
        body.append(f'<section id="{section.key}"><h2>{_e(section.title)} '
                    f'<small>({section.total:,}; latest {len(section.items)})</small></h2>')
        if not section.items:
            body.append("<p class=empty>Nothing in this window.</p>")
        body.append("<ol class=items>")
        for item in section.items:
            cites = "".join(f'<a href="#ref-{n}">[{n}]</a>' for n in item.cites)
            body.append(f'<li data-place="{_e(item.place_id or "")}"><time>'
                        f'{_e(item.day or "undated")}</time> {_e(item.text)} {cites}</li>')
        body.append("</ol></section>")
    body.append('<section id="sources"><h2>Sources</h2><ol class=refs>')
    for ref in brief.references:
        body.append(f'<li id="ref-{ref["n"]}">{_e(reference_line(ref))}: '
                    f'<q>{_e(ref["quote"])}</q></li>')
    body.append("</ol></section></main>")
    # "<" is escaped so no text in the data can close its script element
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return "\n".join([
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>frontwatch brief</title>",
        f"<style>{leaflet_css}</style><style>{_CSS}</style></head><body>",
        *body,
        f'<script type="application/json" id="brief-data">{payload}</script>',
        *(f"<script>{s}</script>" for s in scripts), "</body></html>", ""])


def _markers(brief: Brief) -> list[dict]:
    """One marker per place with coordinates: its lines in the brief and both layers."""
    lines: dict[str, list[dict]] = {}
    for section in brief.sections:
        for item in section.items:
            if item.place_id in brief.places:
                lines.setdefault(item.place_id, []).append(
                    {"section": section.key, "day": item.day, "text": item.text,
                     "side": item.side, "cites": item.cites})
    markers = []
    for place_id, items in lines.items():
        place = brief.places[place_id]
        if place["lat"] is None:
            continue
        assessed = place["assessed"][-1]["controller"] if place["assessed"] else None
        claimed = place["claimed"][-1]["controller"] if place["claimed"] else None
        markers.append({"id": place_id, "name": place["name"], "lat": place["lat"],
                        "lon": place["lon"], "side": assessed or claimed or items[0]["side"],
                        "basis": "assessed" if assessed else "claimed" if claimed else "event",
                        "kind": items[0]["section"], "items": items,
                        "assessed": place["assessed"][-3:], "claimed": place["claimed"][-3:]})
    return markers


def _legend(theatre, sides, colours) -> str:
    keys = [(colours[s], theatre.side_adjective(s)) for s in sides]
    keys.append((CONTESTED_COLOUR, "contested"))
    return "<p class=legend>" + " ".join(
        f'<span><i style="background:{c}"></i>{_e(name)}</span>' for c, name in keys) + \
        " <span>solid: assessed; pale: claimed or an event only</span></p>"


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 0 16px; color: #1d1d1d; }
header h1 { margin: 16px 0 4px; font-size: 22px; }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
            margin-right: 5px; vertical-align: -1px; }
#map { height: 520px; border: 1px solid #ccc; background: #dfe9f2; }
h2 { font-size: 17px; margin: 22px 0 6px; } h2 small { color: #666; font-weight: normal; }
ol.items { list-style: none; padding-left: 0; } ol.items li { margin: 3px 0; }
time { font-variant-numeric: tabular-nums; color: #555; margin-right: 6px; }
ol.refs li { margin: 4px 0; font-size: 13px; } q { color: #333; }
.empty { color: #777; }
"""

# The map: outlines, one circle per place coloured by who holds it, a popup per place built
# from text nodes only. Sets data-markers on <body> once drawn (the browser test reads it).
_MAP_JS = """
(function () {
  var data = JSON.parse(document.getElementById('brief-data').textContent);
  var map = L.map('map', {attributionControl: false, zoomSnap: 0.25});
  var key = Object.keys(data.outlines.objects)[0];
  var outlines = L.geoJSON(topojson.feature(data.outlines, data.outlines.objects[key]), {
    style: {color: '#7a7a7a', weight: 1, fillColor: '#f6f3ec', fillOpacity: 1}}).addTo(map);
  map.fitBounds(outlines.getBounds());
  function line(parent, tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  function layer(parent, title, intervals) {
    if (!intervals.length) return;
    line(parent, 'div', title + ': ' + intervals.map(function (i) {
      return (data.names[i.controller] || i.controller) + ' from ' + i.from;
    }).join('; '));
  }
  var drawn = 0;
  data.markers.forEach(function (m) {
    var colour = data.colours[m.side] || data.other;
    var solid = m.basis === 'assessed';
    var marker = L.circleMarker([m.lat, m.lon], {
      radius: m.kind === 'strikes' || m.kind === 'casualties' ? 5 : 7,
      color: solid ? '#222' : colour, weight: solid ? 2 : 1,
      fillColor: colour, fillOpacity: solid ? 0.9 : 0.4});
    var box = document.createElement('div');
    line(box, 'strong', m.name);
    layer(box, 'Assessed', m.assessed);
    layer(box, 'Claimed', m.claimed);
    var list = document.createElement('ul');
    m.items.forEach(function (item) {
      var li = line(list, 'li', (item.day || 'undated') + ' ' + item.text + ' ');
      item.cites.forEach(function (n) {
        var a = line(li, 'a', '[' + n + ']');
        a.href = '#ref-' + n;
      });
    });
    box.appendChild(list);
    marker.bindPopup(box).addTo(map);
    drawn += 1;
  });
  document.body.setAttribute('data-markers', String(drawn));
})();
"""
