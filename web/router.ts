import { createRouter, createWebHistory } from 'vue-router'
import DeskView from './views/DeskView.vue'

/** The desk is the front door; the wall and the work forms load only when visited. */
export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'desk', component: DeskView },
      { path: '/wall', name: 'wall', component: () => import('./views/WallView.vue') },
      { path: '/work', name: 'work', component: () => import('./views/WorkView.vue') },
    ],
  })
}
