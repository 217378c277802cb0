// Category icons (the rubricator's `icon` names) as emoji: drawn by the system's fonts, nothing fetched.
const ICONS: Record<string, string> = {
  broom: "🧹",
  "hands-helping": "🤝",
  dumbbell: "🏋",
  calendar: "📅",
  bench: "🪑",
  playground: "🛝",
  tree: "🌳",
  road: "🛣",
  pothole: "🕳",
  "road-sign": "🚧",
  sidewalk: "🚶",
  house: "🏠",
  radiator: "♨",
  faucet: "🚰",
  pipe: "🔧",
  building: "🏢",
  bolt: "⚡",
  streetlight: "💡",
  lamp: "💡",
  bus: "🚌",
  "bus-stop": "🚏",
  route: "🗺",
  trash: "🗑",
  dumpster: "♻",
  yard: "🏡",
  park: "🌲",
  sports: "⚽",
  crossing: "🚸",
};

export function iconOf(name: string | null | undefined): string {
  return (name && ICONS[name]) || "📍";
}
