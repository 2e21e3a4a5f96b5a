declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface ImportMetaEnv {
  /** Origin of the API when the dashboard is served elsewhere (default: the page's origin). */
  readonly VITE_API_BASE?: string;
}
