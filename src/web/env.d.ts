// Vite's asset imports, as far as the UI uses them.
declare module '*?url' {
  const url: string
  export default url
}
declare module '*.css' {}
