// "Later" in every rule means later in this order: file, then line, then column.
export { compareLocations } from '../../model.js'
