(function () {
  var table = document.getElementById('findings-table');
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows);
  function key(cell) { var k = cell.getAttribute('data-sort'); return k === null ? cell.textContent.trim() : k; }
  Array.prototype.forEach.call(heads, function (th, col) {
    th.classList.add('sortable');
    th.tabIndex = 0;
    function sort() {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.slice().sort(function (a, b) {
        return dir * key(a.cells[col]).localeCompare(key(b.cells[col]), undefined, { numeric: true })
          || a.getAttribute('data-order') - b.getAttribute('data-order');
      }).forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
    });
  });
  var input = document.getElementById('filter');
  var shown = document.getElementById('shown');
  if (input) {
    input.parentNode.hidden = false;
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      var n = 0;
      rows.forEach(function (r) {
        r.hidden = q !== '' ? r.textContent.toLowerCase().indexOf(q) === -1 : false;
        if (!r.hidden) n += 1;
      });
      shown.textContent = q === '' ? '' : n + ' / ' + rows.length;
    });
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
