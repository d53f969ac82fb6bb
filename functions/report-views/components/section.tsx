import type { ComponentChildren } from 'preact';

/** A titled part of the report; `id` makes it a target of the report's table of contents. */
export function Section(props: {
  id: string;
  title: string;
  children: ComponentChildren;
  /** Shown beside the title, e.g. a count. */
  aside?: string;
}) {
  return (
    <section class="section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>
        {props.title}
        {props.aside ? <span class="aside"> {props.aside}</span> : null}
      </h2>
      {props.children}
    </section>
  );
}

/** What an empty list says instead of an empty table. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
