// Shared by the atomic-write tests and the child process they kill: Node's fs with a hook that
// runs before every step (each fs call, and each write and flush through an open file).
import { promises } from 'node:fs';

const METHODS = ['chmod', 'chown', 'copyFile', 'link', 'lstat', 'mkdir', 'mkdtemp', 'open', 'readdir', 'readFile', 'readlink', 'rename', 'rm', 'symlink', 'writeFile'];

export function steppedFs(before) {
  let step = 0;
  const hook = (name, path) => before(++step, name, String(path));
  const handleProxy = (handle, path) =>
    new Proxy(handle, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (prop === 'writeFile' || prop === 'sync') {
          return async (...args) => {
            await hook(`handle.${prop}`, path);
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  const fs = {};
  for (const name of METHODS) {
    fs[name] = async (...args) => {
      await hook(name, args[0]);
      const result = await promises[name](...args);
      return name === 'open' ? handleProxy(result, args[0]) : result;
    };
  }
  return { fs, steps: () => step };
}
