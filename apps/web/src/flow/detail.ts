/**
 * Level of detail shared by the graph's edges: whether the view is zoomed out too far for text to be readable.
 * A context rather than a store selector per edge, so crossing the threshold re-renders the edges once and panning
 * runs no extra selectors.
 */
import { createContext } from "react";

/** True while the flow graph is zoomed out past the point where labels are readable (see FlowCanvas). */
export const ZoomedOut = createContext(false);
