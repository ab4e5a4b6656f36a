// Node 20 lacks Promise.withResolvers (used by Helia's it-queue).
import '../../scripts/polyfills.ts'
