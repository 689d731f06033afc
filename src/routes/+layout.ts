// A single-page app: every route is prerendered as an empty shell and rendered in the browser.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'never';
