import { createRouter, createWebHistory } from 'vue-router'
import { wallTokenGuard } from './composables/useWallSignIn'
import { guardSessions, LOGIN_PATH } from './navigation'
import DeskView from './views/DeskView.vue'

/** The desk is the front door; the wall, the work forms and the login page load only when visited. */
export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'desk', component: DeskView },
      { path: '/wall', name: 'wall', component: () => import('./views/WallView.vue') },
      { path: '/work', name: 'work', component: () => import('./views/WorkView.vue') },
      { path: '/bulletin/:month', name: 'bulletin', component: () => import('./views/BulletinView.vue') },
      { path: LOGIN_PATH, name: 'login', component: () => import('./views/LoginView.vue') },
    ],
  })
  // Before the session guard: the wall display may sign itself in with its display token.
  router.beforeEach(wallTokenGuard())
  guardSessions(router)
  return router
}
