// Sends the CSRF token with every htmx request (the token is in <meta name="_csrf">).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
  }
});
// After htmx swaps a result region, tell assistive technology it changed.
document.addEventListener('htmx:afterSwap', function (event) {
  var target = event.detail.target;
  if (target && target.hasAttribute('data-focus-after-swap')) {
    target.focus();
  }
});
// A hidden field that follows a select's chosen option (data-follows="<select id>"): it takes the
// option's data-division, e.g. the registry form's duplicate check uses the chosen agency's division.
document.addEventListener('change', function (event) {
  var select = event.target;
  if (!select.id) {
    return;
  }
  document.querySelectorAll('[data-follows="' + select.id + '"]').forEach(function (field) {
    var option = select.options ? select.options[select.selectedIndex] : null;
    if (option && option.dataset.division) {
      field.value = option.dataset.division;
    }
  });
});
