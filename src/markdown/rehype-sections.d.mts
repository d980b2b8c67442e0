declare const rehypeSections: () => (tree: { children: unknown[] }) => void;
export default rehypeSections;
