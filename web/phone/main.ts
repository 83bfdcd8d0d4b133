// The grid worker's phone app: its own entry, so the report form loads without the desk, the map
// library or the charts (issue 15's budget: ≤ 200 KB gzip before the map).
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import PhoneApp from './PhoneApp.vue'
import { createPhoneI18n } from './phone-i18n'
import './phone.css'
import { registerPhoneServiceWorker } from './sw-register'

createApp(PhoneApp).use(createPinia()).use(createPhoneI18n()).mount('#phone')
// The offline shell (web/phone/sw.ts): after the first visit the app opens with no signal.
registerPhoneServiceWorker()
