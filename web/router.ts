import { createRouter, createWebHistory } from 'vue-router'
import { wallTokenGuard } from './wall/wall-sign-in'
import { guardSessions, LOGIN_PATH } from './session/navigation'
import DeskView from './desk/DeskView.vue'

/** The desk is the front door; the wall, the work forms and the login page load only when visited. */
export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'desk', component: DeskView },
      { path: '/wall', name: 'wall', component: () => import('./wall/WallView.vue') },
      { path: '/work', name: 'work', component: () => import('./work/WorkView.vue') },
      { path: '/bulletin/:month', name: 'bulletin', component: () => import('./records/BulletinView.vue') },
      { path: '/traceback', name: 'traceback', component: () => import('./traceback/TracebackView.vue') },
      { path: LOGIN_PATH, name: 'login', component: () => import('./session/LoginView.vue') },
    ],
  })
  // Before the session guard: the wall display may sign itself in with its display token.
  router.beforeEach(wallTokenGuard())
  guardSessions(router)
  return router
}
