/**
 * Building images of our own: every Dockerfile here starts FROM the debootstrap base
 * image (fixtures/containers/build-base-image.sh), since there is no Docker Hub.
 */
import { GenericContainer, getContainerRuntimeClient, ImageName } from 'testcontainers';
import { ERROR_CODES, SmtpHarnessError } from '../errors.ts';

export const BASE_IMAGE = process.env.SMTPSPEC_BASE_IMAGE ?? 'smtpspec/debian-base:bookworm';

async function imageExists(name: string): Promise<boolean> {
  const client = await getContainerRuntimeClient();
  return client.image.exists(ImageName.fromString(name));
}

/** Builds `name` from the Dockerfile in `contextDir` unless the image already exists. */
export async function ensureImage(name: string, contextDir: string): Promise<void> {
  if (await imageExists(name)) return;
  if (!(await imageExists(BASE_IMAGE))) {
    throw new SmtpHarnessError(
      ERROR_CODES.container,
      `base image ${BASE_IMAGE} is missing: run fixtures/containers/build-base-image.sh (as root)`,
    );
  }
  await GenericContainer.fromDockerfile(contextDir).withPullPolicy(neverPull).build(name, {
    deleteOnExit: false,
  });
}

const neverPull = { shouldPull: () => false };
