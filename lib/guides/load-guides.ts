import 'server-only';

import matter from 'gray-matter';

import { extractHeadings, type MarkdownHeading } from './heading-id';
import { cached, contentFileName, listContentFiles, readContentFile } from './read-content';
import { ContentError, guideFrontmatterSchema, parseContent, type GuideFrontmatter } from './schemas';

export type GuideHeading = MarkdownHeading;

export type GuideSummary = {
  slug: string;
  frontmatter: GuideFrontmatter;
};

export type GuideLink = { slug: string; title: string };

export type Guide = GuideSummary & {
  /** Plain Markdown (no JSX): headings, lists, tables, fenced code and `> **Note:**` callouts. */
  body: string;
  /** Every heading below the title (depth ≥ 2), with the id the renderer gives it. */
  headings: GuideHeading[];
  prev: GuideLink | null;
  next: GuideLink | null;
};

type ParsedGuide = Omit<Guide, 'prev' | 'next'>;

const GUIDE_EXTENSION = '.mdx';
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses one guide file; exported so tests can feed it broken content. */
export function parseGuideSource(fileName: string, source: string): ParsedGuide {
  const file = contentFileName('guides', fileName);
  const slug = fileName.slice(0, -GUIDE_EXTENSION.length);
  if (!fileName.endsWith(GUIDE_EXTENSION) || !SLUG_PATTERN.test(slug)) {
    throw new ContentError(file, [{ path: 'file name', message: 'must be <slug>.mdx with a lowercase, hyphenated slug' }]);
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object keeps gray-matter from returning its cached result for equal input.
    parsed = matter(source, {});
  } catch (error) {
    throw new ContentError(file, [{ path: 'frontmatter', message: error instanceof Error ? error.message : String(error) }]);
  }
  const frontmatter = parseContent(guideFrontmatterSchema, parsed.data, file, 'frontmatter');
  const body = parsed.content.replace(/^\s*\n/, '');
  return { slug, frontmatter, body, headings: extractHeadings(body).filter((h) => h.depth >= 2) };
}

function loadAllGuides(): ParsedGuide[] {
  return listContentFiles('guides', GUIDE_EXTENSION)
    .map((fileName) => parseGuideSource(fileName, readContentFile('guides', fileName)))
    .sort((a, b) => a.frontmatter.order - b.frontmatter.order || a.slug.localeCompare(b.slug));
}

function allGuides(): ParsedGuide[] {
  return cached('guides', loadAllGuides);
}

/** Every guide's slug and frontmatter, in reading order (`order`, then slug). */
export function listGuides(): GuideSummary[] {
  return allGuides().map(({ slug, frontmatter }) => ({ slug, frontmatter }));
}

/** One guide with its body, headings and neighbours in reading order; null for an unknown slug. */
export function getGuide(slug: string): Guide | null {
  const guides = allGuides();
  const index = guides.findIndex((guide) => guide.slug === slug);
  if (index === -1) return null;
  const link = (guide: ParsedGuide | undefined): GuideLink | null =>
    guide ? { slug: guide.slug, title: guide.frontmatter.title } : null;
  return { ...guides[index], prev: link(guides[index - 1]), next: link(guides[index + 1]) };
}

/** Slugs of all guides, e.g. for generateStaticParams. */
export function listGuideSlugs(): string[] {
  return allGuides().map((guide) => guide.slug);
}
