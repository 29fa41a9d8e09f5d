// A configuration problem: the app reports it and exits 2 (bad input) before it reads or writes anything, as the
// platform's tools do. Every app treats this one class as its configuration error.
export class ConfigError extends Error {}

/** `env[name]`, or a ConfigError naming the variable and what was expected when it is unset or empty. */
export function required(env, name, expected) {
  const value = env[name];
  if (value === undefined || value === "") throw new ConfigError(`${name} is not set; expected ${expected}`);
  return value;
}
