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

// The main navigation on a narrow screen: collapsed behind its button, which says whether it is
// open. Without this script the button stays hidden and the navigation is shown in full.
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.querySelector('.nav-toggle');
  if (!toggle) {
    return;
  }
  var nav = toggle.closest('.main-nav');
  nav.classList.add('collapsible');
  toggle.hidden = false;
  toggle.addEventListener('click', function () {
    var open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
});
// A "print" button (data-print) prints the page: its print styles keep the document only.
document.addEventListener('click', function (event) {
  if (event.target.closest && event.target.closest('[data-print]')) {
    event.preventDefault();
    window.print();
  }
});
