// A single-page portal: Vue 3 with vue-router 4 in HTML5 history mode. Its
// templates are strings, compiled by the browser, so the full build of Vue
// is loaded (vue.global.prod.js), unmodified.
(function () {
  var Home = {
    template: '<h1>Accueil du portail Vue</h1><p>Jeux consultés : {{ count }}</p><button id="count" type="button" @click="count++">Consulter un jeu</button>',
    data: function () { return { count: 0 }; }
  };
  var About = { template: "<h1>À propos du portail</h1><p>Un portail de données ouvertes.</p>" };
  var router = VueRouter.createRouter({
    history: VueRouter.createWebHistory("/vue/"),
    routes: [{ path: "/", component: Home }, { path: "/about", component: About }]
  });
  window.hostRouter = router;
  Vue.createApp({}).use(router).mount("#app");
})();
