// Progressive enhancement only: every page works without this script.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

// A box to find a value in a long filter list (repository search, views.facet_fields): typing
// opens the folded part of the list and hides the values that do not contain what was typed.
for (const group of document.querySelectorAll('[data-module="app-facet-finder"]')) {
  const fieldset = group.querySelector("fieldset");
  const legend = fieldset.querySelector("legend");
  const details = fieldset.querySelector("details");
  const items = fieldset.querySelectorAll(".govuk-checkboxes__item");
  const { noun, nouns } = group.dataset;
  const id = `${fieldset.querySelector("input").id}-finder`;

  const wrapper = document.createElement("div");
  wrapper.className = "govuk-form-group app-facet__finder";
  const label = document.createElement("label");
  label.className = "govuk-label";
  label.htmlFor = id;
  label.textContent = `Find a ${noun}`;
  const input = document.createElement("input");
  input.className = "govuk-input";
  input.id = id;
  input.type = "search";
  input.maxLength = 100;
  input.autocomplete = "off";
  input.spellcheck = false;
  const status = document.createElement("p");
  status.className = "govuk-visually-hidden";
  status.setAttribute("aria-live", "polite");
  wrapper.append(label, input, status);
  legend.after(wrapper);

  input.addEventListener("keydown", (event) => {
    // Enter here would send the whole search form; finding is done as the person types.
    if (event.key === "Enter") event.preventDefault();
  });
  input.addEventListener("input", () => {
    const wanted = input.value.trim().toLocaleLowerCase();
    if (wanted && details) details.open = true;
    let found = 0;
    for (const item of items) {
      const match = !wanted || item.textContent.toLocaleLowerCase().includes(wanted);
      item.hidden = !match;
      if (match) found += 1;
    }
    status.textContent = wanted ? `${found} ${found === 1 ? noun : nouns} found` : "";
  });
}
