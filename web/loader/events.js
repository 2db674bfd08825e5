/*
 * events.js: the DOM events integrators listen to on document.
 *   cookieconsent:ready   once per page view, when the stored choice (or its
 *                         absence) is known: detail {choice}
 *   cookieconsent:change  after each new choice: detail {choice, changed, id}
 * The events carry a copy of the choice: a listener cannot alter ours.
 */

function copyChoice(c) {
  return c ? JSON.parse(JSON.stringify(c)) : null;
}

// emit dispatches an event on document. A listener that throws is reported
// by the browser and does not stop the banner (dispatchEvent catches it).
function emit(type, detail) {
  d.dispatchEvent(new CustomEvent(type, { detail: detail }));
}

// changedCategories lists the categories whose answer differs between two
// choices; before any choice, every optional category counts as refused.
function changedCategories(before, after, rules) {
  return rules.categories.filter(function (id) {
    var was = before ? before.categories[id] === true : rules.required.indexOf(id) >= 0;
    return was !== (after.categories[id] === true);
  });
}
