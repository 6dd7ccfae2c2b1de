/**
 * This device's clock, refreshed every `intervalMs` while the component that asked for it is mounted:
 * countdowns and turn lengths advance on their own between server messages. Call during component setup.
 */
export function tickingNow(intervalMs = 250): { readonly value: number } {
  let now = $state(Date.now());
  $effect(() => {
    const id = setInterval(() => (now = Date.now()), intervalMs);
    return () => clearInterval(id);
  });
  return {
    get value() {
      return now;
    },
  };
}
