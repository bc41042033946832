// The virtual module lib/build/builtInGate.ts serves to the page script.
declare module 'virtual:incontext-built-in-gate' {
  const gate: import('../core/pageGate').BuiltInGate;
  export default gate;
}
