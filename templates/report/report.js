(function () {
  'use strict';
  // The filter box: hides app rows and list items that do not contain every word typed, and opens
  // the collapsed lists that hold a match (closing them again when the box is cleared). Without
  // script (or on paper) the box stays hidden and every row shows.
  var box = document.getElementById('filter-box');
  var input = document.getElementById('filter');
  var count = document.getElementById('filter-count');
  var lists = Array.prototype.slice.call(document.querySelectorAll('.apps'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.group'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  var folds = Array.prototype.slice.call(document.querySelectorAll('details.list'));
  if (!box || !input || !count) return;
  box.hidden = false;
  var openBefore = null;

  function hasVisibleRow(element) {
    return element.querySelector('[data-search]:not([hidden])') !== null;
  }

  function unfold(filtering) {
    if (filtering && openBefore === null) openBefore = folds.map(function (d) { return d.open; });
    if (!filtering && openBefore !== null) {
      folds.forEach(function (d, i) { d.open = openBefore[i]; });
      openBefore = null;
    }
    if (filtering) folds.forEach(function (d) { d.open = hasVisibleRow(d); });
  }

  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search') || '';
      var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !hit;
      if (hit) shown += 1;
    });
    lists.forEach(function (list) {
      var visible = hasVisibleRow(list);
      list.hidden = !visible;
      var note = list.nextElementSibling;
      if (note && note.classList.contains('no-match')) note.hidden = visible;
    });
    groups.forEach(function (group) { group.hidden = !hasVisibleRow(group); });
    unfold(words.length > 0);
    count.textContent = words.length ? shown + ' of ' + rows.length + ' rows match' : '';
  }

  input.addEventListener('input', apply);

  // On paper every list is open, whatever was folded on screen.
  var allFolds = Array.prototype.slice.call(document.querySelectorAll('details'));
  var openOnScreen = null;
  function printing(on) {
    if (on && openOnScreen === null) {
      openOnScreen = allFolds.map(function (d) { return d.open; });
      allFolds.forEach(function (d) { d.open = true; });
    } else if (!on && openOnScreen !== null) {
      allFolds.forEach(function (d, i) { d.open = openOnScreen[i]; });
      openOnScreen = null;
    }
  }
  var print = window.matchMedia('print');
  print.addEventListener('change', function () { printing(print.matches); });
  window.addEventListener('beforeprint', function () { printing(true); });
  window.addEventListener('afterprint', function () { printing(false); });
})();
