// kakekomi: similar questions while a title is typed (the ask page works without this).
(function () {
  "use strict";
  var title = document.getElementById("title");
  var list = document.getElementById("similar-live");
  if (!title || !list) return;
  var timer = null, last = "", asked = 0;
  function show(questions) {
    while (list.firstChild) list.removeChild(list.firstChild);
    questions.forEach(function (q) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/qa/" + encodeURIComponent(q.id);
      a.textContent = q.title; // text, never markup
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var t = title.value.trim();
      if (t === last) return;
      last = t;
      var mine = ++asked; // an older answer arriving late is dropped
      if (t.length < 2) { show([]); return; }
      fetch("/api/v1/questions/similar?title=" + encodeURIComponent(t), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {questions: []}; })
        .then(function (j) { if (mine === asked) show(j.questions || []); })
        .catch(function () { if (mine === asked) show([]); });
    }, 250);
  });
})();
