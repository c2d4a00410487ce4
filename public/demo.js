// The demo page is a host like any other: it keeps the GP's draft (here in sessionStorage, as
// docs/integration.md shows with a host's own store) and gives it back after a reload, so a
// reload loses neither what was entered nor the step the GP was on.
const KEY = 'pakkeforloeb-demo-page-draft';
const widget = document.getElementById('pakkeforloeb');
const saved = sessionStorage.getItem(KEY);
// Set before or after the element is defined: the element takes it over either way.
if (saved) widget.draft = saved;
widget.addEventListener('pakkeforloeb-draft', (e) => sessionStorage.setItem(KEY, JSON.stringify(e.detail)));
