/**
 * The bundled reference MTA (`smtpspec serve`) as a container target: local domain
 * `smtpspec.test` with mailboxes alice, bob and postmaster, Maildirs and the durable spool
 * on a volume at /var/lib/smtpspec, not an open relay. The image is
 * `smtpspec/reference-mta:<package version>`, built from a staged context
 * (fixtures/containers/reference-mta/stage.ts) and rebuilt whenever the sources it was
 * built from change (the image carries their hash as a label).
 */
import { rm } from 'node:fs/promises';
import { GenericContainer, getContainerRuntimeClient, ImageName } from 'testcontainers';
import { describeError, ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import { toolVersion } from '../runner/version.ts';
import { BASE_IMAGE } from './images.ts';
import { sourceHash, stageContext } from './reference-mta-stage.ts';
import { SmtpContainer } from './smtp-container.ts';

export const REFERENCE_MTA_IMAGE = `smtpspec/reference-mta:${toolVersion()}`;
/** The port `smtpspec serve` listens on inside the container (published on 127.0.0.1). */
export const REFERENCE_MTA_PORT = 2525;
export const REFERENCE_MTA_DOMAIN = 'smtpspec.test';
export const REFERENCE_MTA_MAILBOXES = ['alice', 'bob', 'postmaster'] as const;
/** The volume holding `spool/` and `maildir/`. */
export const REFERENCE_MTA_DATA_DIR = '/var/lib/smtpspec';
const SOURCE_HASH_LABEL = 'org.smtpspec.source-hash';

/** The Maildir of `user` inside the container (`<dataDir>/maildir/<domain>/<user>`). */
export function referenceMtaMaildir(user: string, domain = REFERENCE_MTA_DOMAIN): string {
  return `${REFERENCE_MTA_DATA_DIR}/maildir/${domain}/${user}`;
}

export class ReferenceMtaContainer extends SmtpContainer {
  constructor(image = REFERENCE_MTA_IMAGE) {
    super(image, REFERENCE_MTA_PORT);
  }
}

/** What `ensureReferenceMtaImage` did. */
export interface ReferenceMtaImage {
  image: string;
  sourceHash: string;
  /** False when an image built from the same sources was already there. */
  built: boolean;
}

type RuntimeClient = Awaited<ReturnType<typeof getContainerRuntimeClient>>;

async function inspectImage(client: RuntimeClient, name: string) {
  try {
    return await client.image.inspect(ImageName.fromString(name));
  } catch {
    return undefined;
  }
}

/**
 * Builds the image unless one built from the current sources exists. `onProgress` gets a
 * line before the (slow) staging and build. Throws a `container` error if the base image
 * is missing or the build fails.
 */
export async function ensureReferenceMtaImage(
  options: { image?: string; onProgress?: (line: string) => void } = {},
): Promise<ReferenceMtaImage> {
  const image = options.image ?? REFERENCE_MTA_IMAGE;
  const client = await getContainerRuntimeClient();
  const hash = await sourceHash();
  const existing = await inspectImage(client, image);
  if (existing?.Config?.Labels?.[SOURCE_HASH_LABEL] === hash) {
    return { image, sourceHash: hash, built: false };
  }
  if (!(await inspectImage(client, BASE_IMAGE))) {
    throw new SmtpHarnessError(
      ERROR_CODES.container,
      `base image ${BASE_IMAGE} is missing: run fixtures/containers/build-base-image.sh (as root)`,
    );
  }
  options.onProgress?.(`building ${image} (sources ${hash})`);
  const context = await stageContext();
  try {
    await GenericContainer.fromDockerfile(context)
      .withBuildArgs({ SOURCE_HASH: hash })
      .withPullPolicy({ shouldPull: () => false })
      .build(image, { deleteOnExit: false });
  } catch (err) {
    throw new SmtpHarnessError(
      ERROR_CODES.container,
      `building ${image} failed: ${describeError(err)}`,
      { cause: err },
    );
  } finally {
    await rm(context, { recursive: true, force: true });
  }
  // The previous build of this tag is now dangling; drop it unless a container still uses it.
  if (existing?.Id) {
    await client.container.dockerode
      .getImage(existing.Id)
      .remove()
      .catch(() => undefined);
  }
  return { image, sourceHash: hash, built: true };
}

/** Ensures the image is current, then returns an unstarted container. */
export async function referenceMtaContainer(
  options: { onProgress?: (line: string) => void } = {},
): Promise<ReferenceMtaContainer> {
  const { image } = await ensureReferenceMtaImage(options);
  return new ReferenceMtaContainer(image);
}
