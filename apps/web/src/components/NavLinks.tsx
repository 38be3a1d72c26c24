"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

const links = [
  { href: "/", label: "Flow" },
  { href: "/build", label: "Build" },
  { href: "/events", label: "Events" },
];

/** Top navigation; keeps the namespace when switching screens. */
export function NavLinks() {
  const pathname = usePathname();
  const ns = useSearchParams().get("ns");
  return (
    <nav className="nav" aria-label="Screens">
      {links.map((link) => (
        <Link
          key={link.href}
          href={ns ? `${link.href}?ns=${encodeURIComponent(ns)}` : link.href}
          className={pathname === link.href ? "nav__link is-active" : "nav__link"}
          aria-current={pathname === link.href ? "page" : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
