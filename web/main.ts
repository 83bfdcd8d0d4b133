// The app's one typeface for the UI and for map labels; the unicode-range subsets mean the
// browser fetches only the pieces of Chinese a page actually shows.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'

createApp(App).use(createPinia()).use(createAppRouter()).use(createAppI18n()).mount('#app')
