import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter, landingRoute } from './router';
import { setClientHooks } from './api/client';
import { useAuthStore } from './stores/auth';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();
app.use(pinia).use(router).use(i18n);

const auth = useAuthStore(pinia);
setClientHooks({
  onUnauthenticated(error) {
    auth.clear();
    const current = router.currentRoute.value;
    if (current.name === 'login') return;
    void router.push({
      name: 'login',
      query: {
        redirect: current.fullPath,
        ...(error.code === 'auth.session_expired' ? { expired: '1' } : {}),
      },
    });
  },
  onForbidden() {
    void router.push({ name: 'forbidden' });
  },
  async onRestricted() {
    const me = await auth.fetchMe().catch(() => null);
    void router.push(landingRoute(me, router.currentRoute.value.fullPath));
  },
});

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
