import { type SQL, sql } from "drizzle-orm";
import { articles, claims } from "../db/schema.ts";

/**
 * What a request sees. In a server: the shared corpus, less the articles that server hides, and
 * its own library. Elsewhere (DMs, the CLI, the console): the shared corpus only. Read from the
 * index alone: its own articles carry their server's id, and `indexed_hidden` mirrors what each
 * server hides (filled from the library by library/library-index.ts).
 */
export type GuildScope = string | null;

/** The articles a scope sees, as a condition on `articles`. */
export function visibleArticles(guildId: GuildScope): SQL {
  if (guildId === null) return sql`${articles.guildId} IS NULL`;
  return sql`(${articles.guildId} IS NULL OR ${articles.guildId} = ${guildId})
    AND ${articles.id} NOT IN (SELECT article_id FROM indexed_hidden WHERE guild_id = ${guildId})`;
}

/** The claims a scope sees (their article must be visible too), as a condition on `claims`. */
export function visibleClaims(guildId: GuildScope): SQL {
  const own = guildId === null ? sql`` : sql` OR ${claims.guildId} = ${guildId}`;
  const hidden =
    guildId === null
      ? sql``
      : sql` AND ${claims.articleId} NOT IN (SELECT article_id FROM indexed_hidden WHERE guild_id = ${guildId})`;
  return sql`(${claims.guildId} IS NULL${own})${hidden}`;
}

/**
 * For raw statements: whether anything is scoped at all (a server's own article anywhere, or an
 * article this server hides). One parameter: the guild. While nothing is, searches skip the
 * filter and cost what they did before libraries existed.
 */
export const ANY_SCOPED_SQL = `SELECT EXISTS(SELECT 1 FROM articles WHERE guild_id IS NOT NULL)
  OR EXISTS(SELECT 1 FROM indexed_hidden WHERE guild_id = ?)`;

/**
 * For raw statements: the passages a scope must not see (other servers' articles, shared ones
 * it hides). Parameters: the guild, twice.
 */
export const UNSEEN_PASSAGES_SQL = `SELECT p.docid FROM passages p JOIN articles a ON a.id = p.article_id
  WHERE (a.guild_id IS NOT NULL AND a.guild_id IS NOT ?)
     OR a.id IN (SELECT article_id FROM indexed_hidden WHERE guild_id = ?)`;

/** For raw statements on `claims c`: the claims a scope sees. Parameters: the guild, twice. */
export const SEEN_CLAIMS_SQL = `(c.guild_id IS NULL OR c.guild_id = ?)
  AND c.article_id NOT IN (SELECT article_id FROM indexed_hidden WHERE guild_id IS ?)`;
