(function () {
  'use strict';
  // The filter box: hides app rows that do not contain every word typed. Without script (or on
  // paper) the box stays hidden and every row shows.
  var box = document.getElementById('filter-box');
  var input = document.getElementById('filter');
  var count = document.getElementById('filter-count');
  var tables = Array.prototype.slice.call(document.querySelectorAll('table.apps'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-search]'));
  if (!box || !input || !count) return;
  box.hidden = false;

  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search') || '';
      var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !hit;
      if (hit) shown += 1;
    });
    tables.forEach(function (table) {
      var visible = table.querySelector('tbody tr:not([hidden])') !== null;
      table.hidden = !visible;
      var note = table.nextElementSibling;
      if (note && note.classList.contains('no-match')) note.hidden = visible;
    });
    count.textContent = words.length ? shown + ' of ' + rows.length + ' rows match' : '';
  }

  input.addEventListener('input', apply);
})();
