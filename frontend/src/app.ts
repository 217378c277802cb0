// What every panel gets: the map, the page configuration, the shell (busy / error / notice), the
// signed-in user and the cached reference data. Built once in main.ts.
import type { Map as MapLibreMap } from "maplibre-gl";

import { API, api } from "./api";
import type { PageConfig } from "./config";
import type { AreaCollection } from "./data";
import type { Shell } from "./shell";

export interface Department {
  id: number;
  code: string;
  name: string;
}

/** GET /api/v1/auth/me. */
export interface Me {
  authenticated: boolean;
  id?: number;
  username?: string;
  email?: string;
  name?: string;
  roles: string[];
  departments: Department[];
}

/** GET /api/v1/categories (active only). */
export interface Category {
  id: number;
  code: string;
  name: string;
  name_ru: string;
  name_en: string;
  kind: "issue" | "proposal";
  parent: number | null;
  icon: string;
  duplicate_radius_m: number;
}

const ANONYMOUS: Me = { authenticated: false, roles: [], departments: [] };

export class App {
  me: Me = ANONYMOUS;
  districts: AreaCollection = { type: "FeatureCollection", features: [] };
  /** While set, a click on empty map goes here instead of the "report here" popup (the report pin). */
  pickLocation: ((lon: number, lat: number) => void) | null = null;
  /** While set, every click on the map goes here before anything else (the planner's polygon drawing). */
  captureClick: ((lon: number, lat: number) => void) | null = null;
  private categoryList: Promise<Category[]> | null = null;
  private readonly meListeners = new Set<(me: Me) => void>();

  constructor(
    readonly config: PageConfig,
    readonly map: MapLibreMap,
    readonly shell: Shell,
  ) {}

  /** Re-reads the signed-in user (after login / logout) and tells the listeners. */
  async refreshMe(): Promise<Me> {
    this.me = await api<Me>(API.me);
    for (const listener of this.meListeners) listener(this.me);
    return this.me;
  }

  onMeChange(listener: (me: Me) => void): () => void {
    this.meListeners.add(listener);
    return () => this.meListeners.delete(listener);
  }

  hasRole(role: string): boolean {
    return this.me.roles.includes(role);
  }

  /** Active categories of both kinds, fetched once (names in both languages). */
  categories(): Promise<Category[]> {
    this.categoryList ??= api<Category[]>(API.categories).catch((error: unknown) => {
      this.categoryList = null;
      throw error;
    });
    return this.categoryList;
  }
}
