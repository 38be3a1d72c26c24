"use client";
import { usePathname, useRouter } from "next/navigation";

/** Picks the namespace shown (`?ns=`), from the namespaces that have resources. */
export function NamespaceSwitcher({ namespace, namespaces }: { namespace: string; namespaces: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="field-inline">
      <span>Namespace</span>
      <select
        value={namespace}
        data-testid="namespace-switcher"
        onChange={(change) => router.push(`${pathname}?ns=${encodeURIComponent(change.target.value)}`)}
      >
        {namespaces.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
