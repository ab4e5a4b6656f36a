// First: starts loading the chain engine's chunk before the App's modules evaluate and mount.
import './ui/engine/preloadChainEngine.ts'
import { mount } from 'svelte'
import App from './App.svelte'
import './ui/app.css'

const target = document.getElementById('app')
if (!target) throw new Error('Latchkey: #app element missing from index.html')
export default mount(App, { target })
