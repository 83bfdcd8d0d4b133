/**
 * The geography's tables as SQLite's migrations left them (migration 1; no later migration touches
 * them), in PostgreSQL's terms. Each shape is kept twice: the GeoJSON text the port returns verbatim
 * (`geometry`), and a PostGIS column generated from it (`geom`, GiST-indexed) for spatial questions.
 * Being generated, `geom` can never disagree with the text: every insert and every boundary
 * replacement that writes `geometry` recomputes it in the same statement.
 *
 * Comes first in migration 1: the other parts' tables reference areas(id) and sites(id).
 */
export const geographySchema = `
-- ord: the order areas were inserted in (SQLite's too), which every list of areas follows.
CREATE TABLE areas (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, full_name TEXT,
  level TEXT NOT NULL, parent_id TEXT REFERENCES areas(id),
  population INTEGER, households INTEGER,
  label_lon DOUBLE PRECISION NOT NULL, label_lat DOUBLE PRECISION NOT NULL,
  min_lon DOUBLE PRECISION NOT NULL, min_lat DOUBLE PRECISION NOT NULL,
  max_lon DOUBLE PRECISION NOT NULL, max_lat DOUBLE PRECISION NOT NULL,
  geometry TEXT NOT NULL, ord INTEGER NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
    GENERATED ALWAYS AS (ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)))) STORED
);
CREATE INDEX areas_level ON areas(level, ord);
CREATE INDEX areas_parent ON areas(parent_id);
CREATE INDEX areas_geom ON areas USING gist (geom);

-- ord stands in for SQLite's rowid: the basemap lists in the order it was inserted.
CREATE TABLE basemap (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, geometry TEXT NOT NULL,
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  geom geometry(Geometry, 4326) NOT NULL
    GENERATED ALWAYS AS (ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326))) STORED
);
CREATE INDEX basemap_ord ON basemap(ord);
CREATE INDEX basemap_geom ON basemap USING gist (geom);

-- measures: the JSON text as written (key order kept).
CREATE TABLE sites (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
  area_id TEXT NOT NULL REFERENCES areas(id), village_id TEXT NOT NULL REFERENCES areas(id),
  lon DOUBLE PRECISION NOT NULL, lat DOUBLE PRECISION NOT NULL,
  responsible_name TEXT NOT NULL, responsible_phone TEXT NOT NULL, measures TEXT NOT NULL,
  geom geometry(Point, 4326) NOT NULL GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
);
CREATE INDEX sites_kind ON sites(kind);
CREATE INDEX sites_village ON sites(village_id);
CREATE INDEX sites_area ON sites(area_id);
CREATE INDEX sites_geom ON sites USING gist (geom);
`
