(function () {
  function key(cell) { var k = cell.getAttribute('data-sort'); return k === null ? cell.textContent.trim() : k; }
  // Click (or Enter on) a heading to sort its column; again to reverse. Returns the rows.
  function sortable(table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    var rows = Array.prototype.slice.call(body.rows);
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
    return rows;
  }
  var table = document.getElementById('findings-table');
  if (table) {
    var rows = sortable(table);
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
  }
  var matrix = document.getElementById('matrix-table');
  if (matrix) {
    var cells = sortable(matrix);
    var street = document.getElementById('matrix-street');
    var rule = document.getElementById('matrix-rule');
    var find = document.getElementById('matrix-filter');
    var count = document.getElementById('matrix-shown');
    street.parentNode.parentNode.hidden = false;
    // A row is shown when it is on the street chosen, does not pass the rule chosen
    // (a cross or a question mark) and holds the text typed.
    var apply = function () {
      var s = street.value;
      var r = rule.value;
      var q = find.value.trim().toLowerCase();
      var n = 0;
      cells.forEach(function (row) {
        var hide = s !== '' ? row.getAttribute('data-street') !== s : false;
        if (!hide) {
          if (r !== '') {
            var mark = row.cells[+r].textContent;
            hide = mark !== '\u2717' ? mark !== '?' : false;
          }
        }
        if (!hide) {
          if (q !== '') hide = row.textContent.toLowerCase().indexOf(q) === -1;
        }
        row.hidden = hide;
        if (!hide) n += 1;
      });
      count.textContent = n + ' / ' + cells.length;
    };
    street.addEventListener('change', apply);
    rule.addEventListener('change', apply);
    find.addEventListener('input', apply);
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
