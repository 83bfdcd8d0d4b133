// The grid worker's phone app: its own entry, so the report form loads without the desk, the map
// library or the charts (issue 15's budget: ≤ 200 KB gzip before the map).
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import PhoneApp from './PhoneApp.vue'

createApp(PhoneApp).use(createPinia()).mount('#phone')
