// The home page's map: the pack's outlines and the listed events as circles coloured by side.
// Data comes from this server's JSON API; text is set with textContent, never parsed as HTML.
(function () {
  'use strict';
  var element = document.getElementById('map');
  if (!element || typeof L === 'undefined') return;
  var sides = (document.body.getAttribute('data-sides') || '').split(' ');
  function colourClass(side) {
    var i = sides.indexOf(side);
    return i >= 0 ? 'side-' + i : (side === 'contested' ? 'contested' : 'other');
  }
  var colours = {'side-0': '#b8322a', 'side-1': '#2762b0', contested: '#e08a1e', other: '#6b6b6b'};
  var map = L.map(element, {attributionControl: false, zoomSnap: 0.25});
  map.setView([48.5, 32], 5);
  function get(url) {
    return fetch(url, {headers: {Accept: 'application/json'}}).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }
  function add(parent, tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  var query = element.getAttribute('data-query');
  var events = '/api/events?limit=500' + (query ? '&' + query : '');
  Promise.all([get('/api/outlines'), get(events)]).then(function (loaded) {
    var topo = loaded[0], page = loaded[1];
    var key = Object.keys(topo.objects)[0];
    var outlines = L.geoJSON(topojson.feature(topo, topo.objects[key]), {
      style: {color: '#7a7a7a', weight: 1, fillColor: '#f6f3ec', fillOpacity: 1}}).addTo(map);
    map.fitBounds(outlines.getBounds());
    var drawn = 0;
    page.items.forEach(function (e) {
      if (e.place.lat === null) return;
      var side = e.controller || (e.sources.map(function (s) { return s.attacker; })
        .filter(Boolean)[0]);
      var solid = e.status === 'confirmed' || e.status === 'corroborated';
      var colour = colours[colourClass(side)];
      var marker = L.circleMarker([e.place.lat, e.place.lon], {
        radius: e.type === 'control' ? 7 : 5, color: solid ? '#222' : colour,
        weight: solid ? 2 : 1, fillColor: colour, fillOpacity: solid ? 0.9 : 0.4});
      var box = document.createElement('div');
      var title = add(box, 'a', (e.place.name || e.place.text) + ': ' + e.type +
        (e.controller ? ' → ' + e.controller : ''));
      title.href = '/event/' + e.id;
      add(box, 'div', (e.date.start || 'undated') + ' · ' + e.status + ' · ' +
        e.n_outlets + ' outlet(s)');
      marker.bindPopup(box).addTo(map);
      drawn += 1;
    });
    document.body.setAttribute('data-markers', String(drawn));
  }).catch(function (error) {
    add(element, 'p', 'The map could not load: ' + error.message).className = 'error';
    document.body.setAttribute('data-markers', 'error');
  });
})();
