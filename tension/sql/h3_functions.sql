-- H3 cell arithmetic on signed bigints, without the h3-pg extension (not packaged in Debian).
-- Bit layout of a cell index: [63]=0 | [59..62] mode (1 = cell) | [56..58] reserved | [52..55] resolution
-- | [45..51] base cell | 15 three-bit digits, digit r at bits 3*(15-r)..3*(15-r)+2, unused digits = 7.
-- Pentagons need no special case: a parent only truncates digits, it never rotates them.

-- Resolution of a cell.
CREATE OR REPLACE FUNCTION h3_res(h bigint) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $$ SELECT ((h >> 52) & 15)::int $$;

-- Parent at resolution p (0 <= p <= h3_res(h)): set the resolution field to p and digits p+1..15 to 7.
CREATE OR REPLACE FUNCTION h3_parent(h bigint, p int) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $$ SELECT (h & ~(15::bigint << 52)) | (p::bigint << 52) | ((1::bigint << (3 * (15 - p))) - 1) $$;

-- The res-r descendants of cell c (res p <= r) form one integer range [lo, hi]: "appeals inside hexagon c"
-- is then a B-tree range scan on the stored res-15 cells (r = 15).
CREATE OR REPLACE FUNCTION h3_children_min(c bigint, r int) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $$ SELECT ((c & ~(15::bigint << 52)) | (r::bigint << 52))
            & ~(((1::bigint << (3 * (r - h3_res(c)))) - 1) << (3 * (15 - r))) $$;

CREATE OR REPLACE FUNCTION h3_children_max(c bigint, r int) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $$ SELECT (c & ~(15::bigint << 52)) | (r::bigint << 52) $$;
